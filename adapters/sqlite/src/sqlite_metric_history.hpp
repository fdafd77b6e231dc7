#pragma once

#include "sql.hpp"
#include "traction/ports/repositories.hpp"
#include "tx_context.hpp"

namespace traction::sqlite {

// Named daily series per tenant (`metrics`, one value per tenant, name and day).
class SqliteMetricHistory final : public ports::MetricHistory {
 public:
  explicit SqliteMetricHistory(TxContext& tx) noexcept : tx_(tx) {}
  Status record(std::string_view tenant, std::string_view name, Date date,
                double value) override;
  Result<std::optional<std::pair<Date, double>>> latest_on_or_before(std::string_view tenant,
                                                                     std::string_view name,
                                                                     Date date) override;

 private:
  TxContext& tx_;
};

}  // namespace traction::sqlite
