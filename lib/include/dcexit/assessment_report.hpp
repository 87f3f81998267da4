// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/assessment.hpp>

#include <cstdint>
#include <string>

namespace dcexit {

enum class AssessmentFormat : std::uint8_t { table, csv, json, markdown };

// Pure renderers of an assessment; the same inputs give the same bytes.
std::string render_assessment(const Inventory& inventory, const Assessment& assessment,
                              const ScoringProfile& profile, AssessmentFormat format);
// Every gate and signal behind one app's scores, with weights and contributions that add up.
std::string render_explanation(const Inventory& inventory, const Assessment& assessment,
                               const ScoringProfile& profile, Index app);
// "the model would choose X (0.62) over the decision's Y (0.41)", or empty when they agree.
std::string disagreement(const Assessment& assessment, const ScoringProfile& profile, Index app);

}  // namespace dcexit
