# LABELFLOW_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer on every target, plugins
# included (a plugin built without ASan inside an ASan daemon hides its own bugs).
if(LABELFLOW_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
