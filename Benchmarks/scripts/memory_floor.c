// Build and run: gcc -O2 -pthread -o /tmp/memory_floor Benchmarks/scripts/memory_floor.c &&
//   /tmp/memory_floor Benchmarks/data/indicators_10M.csv 840000000
// (RESULTS.md, "Loading a CSV into typed columns").
// Lower bound for loading the 10M-row file into typed columns on this machine: map the file,
// read every byte (sum of 64-bit words) on 2 threads, and write a fresh output buffer of the
// size of the typed table (840 MB) on 2 threads. No parsing at all.
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
static const uint8_t *base; static size_t size; static uint8_t *out; static size_t outSize;
static uint64_t sums[2];
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
static void *work(void *arg){ long w=(long)arg; size_t a=size/2*w, b=w?size:size/2; uint64_t s=0;
  for(size_t i=a;i+8<=b;i+=8){uint64_t v;memcpy(&v,base+i,8);s+=v;} sums[w]=s;
  size_t oa=outSize/2*w, ob=w?outSize:outSize/2; if(out) memset(out+oa,1,ob-oa); return 0;}
int main(int c,char**v){ int fd=open(v[1],O_RDONLY); struct stat st; fstat(fd,&st); size=st.st_size;
  outSize = c>2 ? strtoull(v[2],0,10) : 0;
  double t0=now(); base=mmap(0,size,PROT_READ,MAP_PRIVATE,fd,0); madvise((void*)base,size,MADV_SEQUENTIAL);
  if(outSize) out=malloc(outSize);
  pthread_t t[2]; for(long w=0;w<2;w++) pthread_create(&t[w],0,work,(void*)w); for(int w=0;w<2;w++) pthread_join(t[w],0);
  printf("%.3f s (sum %llu)\n", now()-t0, (unsigned long long)(sums[0]+sums[1])); return 0;}
