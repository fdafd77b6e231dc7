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

# traction_asio_sources(<file>...): files that instantiate Asio's type-erased executors
# (strand comparisons in boost/asio/execution/any_executor.hpp). GCC 12 at -O2 and above
# reports a "potential null pointer dereference" inside libstdc++'s shared_ptr there, a
# false positive in system headers that it does not suppress; -Wnull-dereference stays on
# for every other file.
function(traction_asio_sources)
  set_source_files_properties(${ARGN} DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                              PROPERTIES COMPILE_OPTIONS -Wno-null-dereference)
endfunction()
