// The legal space of output-stationary mappings and their analytical model.

#include <algorithm>

#include "dataflows/output_stationary/output_stationary.h"
#include "dataflows/output_stationary/os_params.h"
#include "sim/common/int_math.h"

namespace accelsim {

OsParams OsParams::from(const Mapping& mapping) {
  return {mapping.get("m"), mapping.get("n"), mapping.get("e"),
          mapping.get("c"), mapping.get("t"), mapping.get("x")};
}

Mapping OsParams::to_mapping(const std::string& dataflow) const {
  return {dataflow, {{"m", m}, {"n", n}, {"e", e}, {"c", c}, {"t", t}, {"x", x}}};
}

// Where (filter k, pixel i) of a pass sits on the array, by variant.
std::pair<int, int> os_position(OsVariant variant, const PeArraySpec& array, int k, int i) {
  switch (variant) {
    case OsVariant::a: return {i / array.cols, i % array.cols};
    case OsVariant::b: return {k, i};
    case OsVariant::c: break;
  }
  return {k / array.cols, k % array.cols};
}

std::string os_check(OsVariant variant, const OsParams& p, const LayerShape& s,
                     const ArchSpec& arch) {
  if (arch.pe.psum_spad_words < 1) {
    return "output stationary keeps psums in a psum scratchpad; this spec has none";
  }
  const int values[] = {p.m, p.n, p.e, p.c, p.t, p.x};
  if (*std::min_element(std::begin(values), std::end(values)) < 1) return "parameters must be >= 1";
  if (p.n > s.batch) return "n=" + std::to_string(p.n) + " exceeds the batch";
  if (p.e > s.E) return "e=" + std::to_string(p.e) + " exceeds E=" + std::to_string(s.E);
  if (p.c > s.C) return "c=" + std::to_string(p.c) + " exceeds C=" + std::to_string(s.C);
  if (p.t > p.m || p.m > s.M) return "need t <= m <= M";
  if (p.m % p.t != 0 && p.m != s.M) return "m must be a multiple of t (or M)";
  if (p.x > p.e * s.F) return "x pixels exceed the tile's e x F";
  const int pes = arch.pe_array.count();
  switch (variant) {
    case OsVariant::a:
      if (p.t != 1) return "os-a works on one filter at a time (t = 1)";
      if (p.x > pes) return "x=" + std::to_string(p.x) + " pixels exceed the PEs";
      break;
    case OsVariant::b:
      if (p.t > arch.pe_array.rows) return "t filters exceed the PE rows";
      if (p.x > arch.pe_array.cols) return "x pixels exceed the PE columns";
      break;
    case OsVariant::c:
      if (p.x != 1) return "os-c works on one pixel at a time (x = 1)";
      if (p.t > pes) return "t=" + std::to_string(p.t) + " filters exceed the PEs";
      break;
  }
  const Tiling tiling = p.tiling();
  const GlbSplit split = split_glb(arch, tiling_ifmap_words(s, tiling),
                                   tiling_psum_words(s, tiling), 1LL * p.t * p.c * s.R * s.S);
  return split.fits ? "" : split.reason;
}

std::string OutputStationary::check(const Mapping& mapping, const LayerShape& shape,
                                    const ArchSpec& arch) const {
  for (const auto& name : parameter_names()) {
    if (!mapping.has(name)) return "missing parameter " + name;
  }
  return os_check(variant_, OsParams::from(mapping), shape, arch);
}

// Only the largest psum tile m that fits the GLB is evaluated (it only saves DRAM
// re-reads of ifmaps); pixel counts and block sizes are tried by halving.
std::string OutputStationary::enumerate(const LayerShape& s, const ArchSpec& arch,
                                        const std::function<void(const Mapping&)>& visit) const {
  const std::string smallest = os_check(variant_, OsParams{}, s, arch);
  if (!smallest.empty()) return smallest;
  const int pes = arch.pe_array.count();
  const int max_t = variant_ == OsVariant::a ? 1
                    : variant_ == OsVariant::b ? arch.pe_array.rows
                                               : pes;
  const int max_x = variant_ == OsVariant::c ? 1
                    : variant_ == OsVariant::b ? arch.pe_array.cols
                                               : pes;
  for (int t : halving_factors(std::min(max_t, s.M))) {
    for (int c : halving_factors(s.C)) {
      for (int n : tiling_factors(s.batch)) {
        for (int e : halving_factors(s.E)) {
          for (int x : halving_factors(std::min(max_x, e * s.F))) {
            largest_factor_first(int(ceil_div(s.M, t)), [&](int k) {
              const OsParams params{std::min(k * t, s.M), n, e, c, t, x};
              if (!os_check(variant_, params, s, arch).empty()) return false;
              visit(params.to_mapping(name()));
              return true;
            });
          }
        }
      }
    }
  }
  return "";
}

namespace {

class OsModel : public TilingModel {
 public:
  OsModel(const OsParams& p, const LayerShape& s, const ArchSpec& arch)
      : TilingModel(s, arch), p_(p) {}

  ModelResult run() { return TilingModel::run(p_.tiling()); }

 private:
  // The passes of one filter group cover the tile's pixels x at a time; the
  // filters staged for the first are reused by the others (schedule.h).
  void add_pass(const PassClass& pass) override {
    const long long staged = 1LL * pass.filters * pass.channels * s_.R * s_.S * pass.count;
    add(Level::dram, DataType::filter, Action::read, staged);
    add(staging(), DataType::filter, Action::write, staged);
    const long long pixels = 1LL * pass.out_rows * s_.F;
    if (pixels / p_.x > 0) add_share(pass, p_.x, pixels / p_.x);
    if (pixels % p_.x > 0) add_share(pass, int(pixels % p_.x), 1);
  }

  // `shares` passes over `x` pixels each.
  void add_share(const PassClass& pass, int x, long long shares) {
    const long long times = pass.count, f = pass.filters;
    const long long reduction = 1LL * pass.channels * s_.R * s_.S;
    const long long per_stream = pass.images * reduction;  // words of one ifmap/weight stream
    const long long macs = f * x * per_stream;
    const long long weight_reads = arch_.noc.filter.multicast ? f * per_stream : macs;
    const long long ifmap_reads = arch_.noc.ifmap.multicast ? x * per_stream : macs;
    const long long outputs = f * x * pass.images;
    const long long n = times * shares;
    add(staging(), DataType::filter, Action::read, weight_reads * n);
    add(Level::array, DataType::filter, Action::write, macs * n);
    add(Level::glb, DataType::ifmap, Action::read, ifmap_reads * n);
    add(Level::array, DataType::ifmap, Action::write, macs * n);
    counts_.macs_issued += macs * n;
    const bool accumulate = !pass.first_block;
    const long long psum_rf = macs + (accumulate ? outputs : 0);
    add(Level::rf_psum, DataType::psum, Action::read, psum_rf * n);
    add(Level::rf_psum, DataType::psum, Action::write, psum_rf * n);
    if (accumulate) {
      add(Level::glb, DataType::psum, Action::read, outputs * n);
      add(Level::array, DataType::psum, Action::write, outputs * n);
    }
    const DataType out = pass.last_block ? DataType::ofmap : DataType::psum;
    add(Level::array, out, Action::write, outputs * n);
    add(Level::glb, out, Action::write, outputs * n);
    estimated_cycles_ += pass_cycles(pass, x, reduction, ifmap_reads, weight_reads, accumulate) * n;
  }

  // Estimate of one pass: the PEs (a task per image) run at the pace of the slowest
  // of their MACs and the operand buses; each task's x pixels x f filters finish
  // together, so the outputs of all but the last task leave while the next computes,
  // and the last task's drain over the GON and the psum bank ports adds to the pass.
  long long pass_cycles(const PassClass& pass, long long x, long long reduction,
                        long long ifmap_reads, long long weight_reads, bool accumulate) const {
    const long long f = pass.filters, per_task = f * x;
    const long long earlier = per_task * (pass.images - 1);
    const long long rows = x * psum_rows_spanned(arch_, f);
    const long long compute = pass.images * (reduction + (accumulate ? 1 : 0));
    const long long streaming = std::max(
        {compute, ceil_div(ifmap_reads, arch_.noc.ifmap.bus_width_words),
         ceil_div(weight_reads, arch_.noc.filter.bus_width_words),
         ceil_div(earlier, arch_.noc.output_bus_width_words),
         accumulate ? ceil_div(earlier + per_task, arch_.noc.psum.bus_width_words) : 0LL,
         psum_port_cycles(arch_, earlier * (accumulate ? 2 : 1), rows, psum_banks_)});
    const long long drain = std::max(ceil_div(per_task, arch_.noc.output_bus_width_words),
                                     psum_port_cycles(arch_, per_task, rows, psum_banks_));
    // When the buses set the pace, the PEs finish one by one and drain as they do.
    return streaming + std::max(1LL, drain - (streaming - compute)) +
           chain_latency_cycles(arch_, 1);
  }

  OsParams p_;
};

}  // namespace

ModelResult OutputStationary::analyze(const Mapping& mapping, const LayerShape& shape,
                                      const ArchSpec& arch) const {
  return OsModel(OsParams::from(mapping), shape, arch).run();
}

std::string OutputStationary::name() const {
  return variant_ == OsVariant::a ? "os-a" : variant_ == OsVariant::b ? "os-b" : "os-c";
}

std::string OutputStationary::long_name() const {
  return "output stationary (" + name() + ")";
}

}  // namespace accelsim
