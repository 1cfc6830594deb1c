#pragma once
// The bounds of every spec field (arch/README.md, "Limits"), checked where each field is
// parsed. Generous for real hardware (each comment names what it leaves room for), and
// tight enough that every derived count (words, rows, PE storage) fits its integer type
// and one simulation fits in memory: a value past a bound is an input error, never a
// wrapped count, an allocation failure or a run of hours.

#include <cstdint>

namespace accelsim::arch_limits {

// Core and DRAM link clocks, 1 kHz to 100 GHz.
constexpr double kMinClockMhz = 0.001;
constexpr double kMaxClockMhz = 100000;

// PE array: 65,536 PEs is a 256 x 256 systolic array (TPU v1); one side may reach 1,024
// for long, narrow arrays. The mappers' search grows with the PE count.
constexpr int kMaxPeArraySide = 1024;
constexpr int kMaxPes = 65536;

// Per PE: a scratchpad or FIFO of 65,536 words (128 KiB of 16-bit words; Eyeriss has
// 224 at most), a MAC pipeline of 64 stages (real ones have 1 to 5).
constexpr int kMaxSpadWords = 65536;
constexpr int kMaxFifoWords = 65536;
constexpr int kMaxPipelineStages = 64;
// The engine holds every PE's spads and FIFOs in memory: PEs x (spads + 3 input FIFOs +
// output FIFO + pipeline stages) is at most 2^26 words (128 MiB), 65,536 PEs of 1,024
// words each, about 1,400 times Eyeriss (168 PEs of 279 words).
constexpr int64_t kMaxPeStorageWords = int64_t(1) << 26;

// NoC: a bus at most 65,536 words wide (a word to each of 65,536 PEs per cycle).
constexpr int kMaxBusWords = 65536;

// GLB and filter buffer: up to 1 GiB each (the largest on-chip SRAMs are hundreds of
// MiB), 4,096 banks of up to 65,536 bits, 64 ports per bank.
constexpr int kMaxBufferKb = 1 << 20;
constexpr int kMaxBanks = 4096;
constexpr int kMaxBankWidthBits = 65536;
constexpr int kMaxBankPorts = 64;

// DRAM link: up to 65,536 bits wide (an HBM stack is 1,024), a latency of up to
// 1,000,000 link cycles (DRAM latency is ~100 ns: 10,000 cycles at 100 GHz).
constexpr int kMaxLinkWidthBits = 65536;
constexpr int kMaxDramLatencyCycles = 1000000;
constexpr int kMaxRleRunBits = 64;

// Word width: the engine computes in 16 bits; anything else is rejected by validate().
constexpr int kMaxWordBits = 64;

// Energy: every cost (per access, per gated MAC, leakage) at most 1e9 of the table's
// unit (a DRAM access is ~100 pJ; 1e9 pJ is a millijoule), so totals stay finite.
constexpr double kMaxEnergyCost = 1e9;

}  // namespace accelsim::arch_limits
