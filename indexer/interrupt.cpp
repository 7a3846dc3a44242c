#include "interrupt.hpp"

#include <signal.h>

#include <csignal>

namespace news::indexer {
namespace {

volatile std::sig_atomic_t caught = 0;

extern "C" void on_signal(int signal) {
    if (caught) {  // the second: at once, as without the handler
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    caught = signal;
}

}  // namespace

Interrupted::Interrupted(int signal)
    : Error("interrupted: run news-index again to finish", 128 + signal) {}

void catch_interrupts() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // reads and writes go on; the run stops between articles
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

void check_interrupted() {
    if (caught) throw Interrupted(caught);
}

}  // namespace news::indexer
