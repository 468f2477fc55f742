# The public header is the single source of the version: setup.py parses the
# same three macros, so CMake must read them rather than repeat them.
#
# Sets QX_VERSION_MAJOR, QX_VERSION_MINOR, QX_VERSION_PATCH and QX_VERSION.

function(qx_parse_version header)
    file(STRINGS "${header}" _qx_lines
         REGEX "^#define QX_VERSION_(MAJOR|MINOR|PATCH)[ \t]+[0-9]+")
    foreach(_part MAJOR MINOR PATCH)
        set(_value "")
        foreach(_line IN LISTS _qx_lines)
            if(_line MATCHES "^#define QX_VERSION_${_part}[ \t]+([0-9]+)")
                set(_value "${CMAKE_MATCH_1}")
            endif()
        endforeach()
        if(_value STREQUAL "")
            message(FATAL_ERROR "quoteex: QX_VERSION_${_part} not found in ${header}")
        endif()
        set(QX_VERSION_${_part} "${_value}" PARENT_SCOPE)
        list(APPEND _parts "${_value}")
    endforeach()
    list(JOIN _parts "." _version)
    set(QX_VERSION "${_version}" PARENT_SCOPE)
endfunction()

qx_parse_version("${CMAKE_CURRENT_LIST_DIR}/../libquote/include/quoteex.h")
