#pragma once
// The storage area model of the ISCA 2016 dataflow comparison (REFERENCE.md
// section 3): every dataflow gets the area of 256 x 512 B of register file plus a
// 128 kB global buffer, split between RF and GLB as suits it. Per byte: 20.9 um^2
// for a PE's register file (the paper's 512 B RF; applied to every RF size), 12.7
// um^2 for SRAM of 4 kB or more (the GLB and the filter buffer).

#include "arch/arch_spec.h"

namespace accelsim {

constexpr double kRfAreaPerByteUm2 = 20.9;
constexpr double kSramAreaPerByteUm2 = 12.7;

// Register files of all PEs plus GLB plus filter buffer, in um^2.
double storage_area_um2(const ArchSpec& arch);

// The comparison's budget: 256 x area(512 B RF) + area(128 kB GLB).
double isca16_storage_budget_um2();

}  // namespace accelsim
