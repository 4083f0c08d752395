# huntbook_cc_library(NAME name SRCS ... DEPS ...): one folder = one target; DEPS are the layering.
function(huntbook_cc_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${ARG_NAME} STATIC ${ARG_SRCS})
  target_include_directories(${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_DEPS})
endfunction()

# huntbook_cc_test(NAME name SRCS ... DEPS ...): a GoogleTest binary registered with CTest.
function(huntbook_cc_test)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
  set_tests_properties(${ARG_NAME} PROPERTIES ENVIRONMENT
    "HUNTBOOK_SOURCE_DIR=${PROJECT_SOURCE_DIR};HUNTBOOK_BINARY_DIR=${PROJECT_BINARY_DIR}")
endfunction()
