#pragma once

// `postoffice serve SCENARIO [--listen HOST:PORT] [--architecture NAME] [--speed X] [--duration S]
// [--db FILE]`: runs a scenario headless, paced to wall time, and lets real Kafka clients (kcat,
// librdkafka, kafka-python, …) talk to one architecture's simulated cluster, one port per broker.
//
// Prints "listening on HOST:PORT" per broker once it accepts connections (stdout, flushed), records
// the run in the run store like `run`, and stops at the end of the run or on SIGINT/SIGTERM with
// the store flushed. Exit codes (DESIGN.md §6): 0 stopped at the end or by a signal, 2 bad input
// (a message on stderr), 1 anything else (a port that cannot be opened, the store failing).

#include <QStringList>

namespace postoffice::app {

class ServeCommand
{
public:
    // `args` as QCommandLineParser takes them: "serve" first, then the options.
    int exec(const QStringList &args);
};

} // namespace postoffice::app
