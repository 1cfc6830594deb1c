#pragma once
// A clock's period as SystemC time, for the modules' timed waits.

#include <systemc>

namespace accelsim {

inline sc_core::sc_time clock_period(double clock_mhz) {
  return sc_core::sc_time(1e6 / clock_mhz, sc_core::SC_PS);
}

}  // namespace accelsim
