// The C face of libxlsxwriter (Debian: libxlsxwriter-dev) for Swift.
// Only the XLSX target may import this module.
#ifndef BACKBONE_CXLSXWRITER_SHIM_H
#define BACKBONE_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

// LXW_VERSION_ID is a macro Swift cannot always import as a constant (it is built
// from other macros in some versions); expose it so code can guard newer calls.
static inline int cxlsxwriter_version_id(void) { return LXW_VERSION_ID; }

// Combined charts (a stacked area chart with a line chart drawn over it, on the same axes).
//
// libxlsxwriter 1.1.4 has no chart_combine(), which upstream added in a later release. These
// helpers do what chart_combine() does when the chart is written, through the members of
// lxw_chart that chart.h declares: the primary chart's write_chart_type member (the function
// that writes its <c:areaChart> ... element) is replaced, from Swift, by one that calls
// cxlsxwriter_write_combined(), which writes the primary's own series with the primary's
// writer, then lets the secondary chart's writer write the remaining series into the same file,
// with the same axis ids and the series numbers continuing. This is what Python's XlsxWriter
// does in Chart._write_plot_area(); the golden tests compare the result with it.
//
// The secondary's series are moved to the tail of the primary's list when the primary is
// placed, so that workbook_close() caches their values (it caches the series of placed charts
// only) and frees them with the primary; they are lent to the secondary while it writes.
// STAILQ_* are macros, which Swift cannot call.
//
// Only for the layout of lxw_chart in 1.1.4, which the Swift side checks (cxlsxwriter_version_id()
// == 114) before using them; other versions get stubs that do nothing.
#if LXW_VERSION_ID == 114

// Moves every series of `secondary` to the end of the series of `primary`.
static inline void cxlsxwriter_append_series(lxw_chart *primary, lxw_chart *secondary) {
    STAILQ_CONCAT(primary->series_list, secondary->series_list);
}

// Writes the chart-type elements of a combined chart: `primary`'s first `own` series with
// `writer` (the primary's own write_chart_type), then the rest with `secondary`'s.
static inline void cxlsxwriter_write_combined(lxw_chart *primary, uint16_t own,
                                              void (*writer)(lxw_chart *), lxw_chart *secondary) {
    struct lxw_chart_series_list *list = primary->series_list;
    struct lxw_chart_series_list *lent = secondary->series_list;
    lxw_chart_series *last_own = NULL;
    lxw_chart_series *series = STAILQ_FIRST(list);
    uint16_t i;
    for (i = 0; i < own && series; i++) {
        last_own = series;
        series = STAILQ_NEXT(series, list_pointers);
    }
    if (!last_own || !series || !STAILQ_EMPTY(lent)) {
        writer(primary);  // nothing to lend: cannot happen when placed through XLSX
        return;
    }
    // Lend the tail of the list, from `series` on, to the secondary.
    lent->stqh_first = series;
    lent->stqh_last = list->stqh_last;
    last_own->list_pointers.stqe_next = NULL;
    list->stqh_last = &last_own->list_pointers.stqe_next;

    writer(primary);
    secondary->file = primary->file;
    secondary->axis_id_1 = primary->axis_id_1;
    secondary->axis_id_2 = primary->axis_id_2;
    secondary->series_index = primary->series_index;
    secondary->write_chart_type(secondary);
    secondary->file = NULL;

    // Take them back, so that the primary frees them.
    STAILQ_CONCAT(list, lent);
}

#else

static inline void cxlsxwriter_append_series(lxw_chart *primary, lxw_chart *secondary) {
    (void)primary;
    (void)secondary;
}

static inline void cxlsxwriter_write_combined(lxw_chart *primary, uint16_t own,
                                              void (*writer)(lxw_chart *), lxw_chart *secondary) {
    (void)own;
    (void)secondary;
    writer(primary);
}

#endif

#endif
