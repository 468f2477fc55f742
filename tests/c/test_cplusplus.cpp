// quoteex.h must compile as C++ with warnings as errors and link from C++.
#include "quoteex.h"

#include <cstring>

int main()
{
    qx_error err;
    qx_span unset = {QX_UNSET, QX_UNSET};
    std::memset(&err, 0, sizeof err);
    qx_extractor *ex = qx_extractor_new(nullptr, &err);
    bool ok = ex != nullptr && qx_version_number() == QX_VERSION_NUMBER &&
              unset.start == QX_UNSET;
    qx_extractor_free(ex);
    return ok ? 0 : 1;
}
