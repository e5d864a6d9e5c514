# cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=name -P EmbedText.cmake
# Turns a data file into `extern const std::string_view SYMBOL`, so catalogs are
# data in the repository and still need no file lookup at run time.
file(READ "${INPUT}" content)
set(delim "wincompat_embed")
string(FIND "${content}" ")${delim}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT}; do not edit.\n#include <string_view>\n"
  "namespace wincompat::data {\nextern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL} = R\"${delim}(${content})${delim}\";\n}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
