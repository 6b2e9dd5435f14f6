// An energy source: a sensor (or an explicit estimate) that reports cumulative energy per domain.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "measure/provenance.hpp"

namespace synergy {

class LiveLog;  // measure/trace/live_log.hpp

// When a reading's value holds. AtRead: at the instant of the read (power integrated by the
// reader, a meter log interpolated): every reading is an exact point of cumulative energy.
// AtLastUpdate: at the sensor's latest update, some time before the read (RAPL, NVML total
// energy change in steps): only a change of value marks an update, and it happened between the
// read that shows it and the one before.
enum class ReadingTime { AtRead, AtLastUpdate };

// What a read found wrong with a domain (None: nothing). Unreadable and Implausible readings are
// invalid; a Restart reading is valid, but no interval may span from the reading before it.
enum class ReadFault { None, Unreadable, Implausible, Restart, Gap };

struct Availability {
  bool available = false;
  std::string reason;  // why not, and how to fix it, when unavailable
};

struct Domain {
  std::string name;  // "package-0", "dram-0", "gpu0", "VDD_IN"
  std::string description;
  bool has_power = false;                             // the sensor also gives instantaneous power
  Provenance provenance = Provenance::EnergyCounter;  // of this domain's energy figure
  ReadingTime reading_time = ReadingTime::AtLastUpdate;
};

// One read of every domain at one instant of the shared monotonic clock (util/clock.hpp).
struct EnergyReading {
  int64_t t_ns = 0;
  std::vector<double> energy_j;     // cumulative since the source was opened, unwrapped; NaN
                                    // where invalid
  std::vector<double> power_w;      // instantaneous power, NaN where the sensor has none
  std::vector<bool> valid;          // false: this domain could not be read this time
  std::vector<std::string> errors;  // why a domain is invalid, or why it restarted
  std::vector<ReadFault> faults;    // per domain; empty: Unreadable where invalid, else None
  ReadFault fault(size_t domain) const;
};

// Named facts about the device that give a reading its context (clocks, temperature, driver).
using ContextFacts = std::vector<std::pair<std::string, std::string>>;

class EnergySource {
 public:
  virtual ~EnergySource() = default;
  virtual std::string name() const = 0;  // "rapl", "nvml", ...
  virtual Availability availability() const = 0;
  virtual std::vector<Domain> domains() const = 0;
  virtual Provenance provenance() const = 0;
  // The period at which the sensor's value changes, as documented (0 = unknown).
  virtual int64_t declared_update_period_ns() const = 0;
  // Reads every domain now. Never throws for a sensor fault: marks the domain invalid.
  virtual EnergyReading read() = 0;
  // The most power the source can report for real (TDP of an estimate, a meter's range); 0 when
  // unknown. A layer attributed above it is warned about.
  virtual double power_ceiling_w() const { return 0.0; }
  // Device facts worth recording next to the numbers (empty when the source has none).
  virtual ContextFacts context() { return {}; }
  // A log still being written while the profile runs (a meter streaming to a file), else null.
  virtual LiveLog* live_log() { return nullptr; }
};

// Throws synergy::Error (unavailable) with the source's reason when it cannot be used.
void require_available(const EnergySource& source);

}  // namespace synergy
