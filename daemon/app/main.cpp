// labelflowd: see app/labelflowd.hpp.
#include "app/labelflowd.hpp"

int main(int argc, char** argv) { return labelflow::app::labelflowd_main(argc, argv); }
