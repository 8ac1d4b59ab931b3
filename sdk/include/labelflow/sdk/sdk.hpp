// Everything a labelflow plugin includes.
#pragma once

#include <labelflow/sdk/abi.hpp>
#include <labelflow/sdk/label_type.hpp>
#include <labelflow/sdk/options.hpp>
#include <labelflow/sdk/plugin.hpp>
#include <labelflow/sdk/router.hpp>
#include <labelflow/sdk/row.hpp>
#include <labelflow/sdk/status.hpp>
#include <labelflow/sdk/storage.hpp>
