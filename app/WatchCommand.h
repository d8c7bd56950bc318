#pragma once

// `postoffice watch --bootstrap HOST:PORT[,...] [--config FILE] [--interval-ms N] [--db FILE]
//  [--duration S] [--group NAME]... [--save-scenario FILE] [--quiet]`: watches a real Kafka
// cluster through librdkafka (ClusterWatcher), prints a status line per poll (unless --quiet)
// and every event as it happens, keeps everything in the run store (WatchRecorder) and can
// write a what-if scenario of what it saw (WhatIfScenario). Stops at --duration, or on SIGINT
// or SIGTERM, flushing the store.
//
// Exit codes (DESIGN.md §6): 2 for bad arguments or a bad config file (nothing is contacted or
// written); 1 when the cluster was never reached within the watch (the run is kept, marked
// aborted, and no scenario is written) or the store or scenario file cannot be written; 0
// otherwise — also when the cluster became unreachable later on, or the watch was stopped by a
// signal: what was watched is kept and exported normally.

#include <QStringList>

namespace postoffice::app {

class WatchCommand
{
public:
    static int exec(const QStringList &args); // args[0] is "watch"
};

} // namespace postoffice::app
