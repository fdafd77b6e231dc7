#pragma once

namespace traction::app {

// Blocks until the process receives SIGINT or SIGTERM.
void wait_for_stop_signal();

}  // namespace traction::app
