#pragma once

// Exit statuses of egress-auditor-cli: 0 = ran, 1 = failed, 2 = usage error.
namespace ea::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

} // namespace ea::cli
