// A good label type; built several times under different names and ABI versions.
#include "simple_label.hpp"

#ifndef TEST_PLUGIN_REGISTERED
#define TEST_PLUGIN_REGISTERED TEST_PLUGIN_NAME
#endif

LABELFLOW_PLUGIN(loader_test::SimpleLabel, TEST_PLUGIN_REGISTERED, "1.2.3")
