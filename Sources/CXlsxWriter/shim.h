// The C face of libxlsxwriter (Debian: libxlsxwriter-dev) for Swift.
// Only the XLSX target may import this module.
#ifndef BACKBONE_CXLSXWRITER_SHIM_H
#define BACKBONE_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

// LXW_VERSION_ID is a macro Swift cannot always import as a constant (it is built
// from other macros in some versions); expose it so code can guard newer calls.
static inline int cxlsxwriter_version_id(void) { return LXW_VERSION_ID; }

#endif
