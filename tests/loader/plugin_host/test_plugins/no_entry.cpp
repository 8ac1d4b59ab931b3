// A shared library that exports a function but no labelflow entry points.
extern "C" __attribute__((visibility("default"))) int not_a_labelflow_plugin() { return 1; }
