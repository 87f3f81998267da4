// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
