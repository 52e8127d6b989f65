// The floor of issue 6's benchmark (a) inside libxlsxwriter itself: the first 1,000,000 rows of
// the benchmark CSV written as one constant-memory sheet through libxlsxwriter's C API
// directly, with no Swift and no CSV parsing beyond splitting lines (no quoted fields are
// unescaped: cells are the raw field text, so this slightly favours C). Times the cell writing
// and workbook_close (assembly and deflate) separately.
//
// Build and run:
//   gcc -O2 -o /tmp/libxlsxwriter_floor Benchmarks/scripts/libxlsxwriter_floor.c $(pkg-config --cflags --libs xlsxwriter)
//   /tmp/libxlsxwriter_floor Benchmarks/data/indicators_1M.csv /tmp/floor.xlsx
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: %s IN.csv OUT.xlsx\n", argv[0]); return 64; }
  FILE *in = fopen(argv[1], "r");
  if (!in) { perror(argv[1]); return 66; }
  lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
  lxw_workbook *wb = workbook_new_opt(argv[2], &options);
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Data");
  // Columns 0, 12, 13 integers; 9, 10, 11 floats; the rest text (as Backbone's typed table).
  const int numeric[15] = {1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 1, 1, 0};
  char *line = NULL;
  size_t cap = 0;
  long row = 0;
  double t0 = now();
  while (getline(&line, &cap, in) > 0 && row <= 1000000) {
    line[strcspn(line, "\r\n")] = 0;
    int col = 0;
    char *p = line;
    while (col < 15) {
      char *start = p;
      int quoted = *p == '"';
      if (quoted) {
        p++;
        while (*p && !(*p == '"' && p[1] != '"')) p += (*p == '"') ? 2 : 1;
        if (*p) p++;
      }
      while (*p && *p != ',') p++;
      char saved = *p;
      *p = 0;
      if (*start == 0) {
        // missing: left empty
      } else if (row > 0 && numeric[col]) {
        char *end;
        double v = strtod(start, &end);
        if (*end == 0) worksheet_write_number(ws, row, col, v, NULL);
        else worksheet_write_string(ws, row, col, start, NULL);
      } else {
        worksheet_write_string(ws, row, col, start, NULL);
      }
      col++;
      if (!saved) break;
      p++;
    }
    row++;
  }
  double t1 = now();
  lxw_error e = workbook_close(wb);
  double t2 = now();
  printf("rows %ld, write cells %.2f s, workbook_close %.2f s, total %.2f s, error %d\n", row - 1, t1 - t0, t2 - t1,
         t2 - t0, e);
  return e == LXW_NO_ERROR ? 0 : 70;
}
