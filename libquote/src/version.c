/* Version of the linked library and of the PCRE2 it runs on. */
#include "internal.h"

unsigned qx_version_number(void) { return QX_VERSION_NUMBER; }

const char *qx_version_string(void) { return QX_VERSION_STRING; }

const char *qx_pcre2_version(void) {
#define QX__STR2(x) #x
#define QX__STR(x) QX__STR2(x)
    return QX__STR(PCRE2_MAJOR) "." QX__STR(PCRE2_MINOR);
}
