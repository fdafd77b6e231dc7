# traction_warnings(<target>): the project's warning set, as errors in our own code.
function(traction_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(TRACTION_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
