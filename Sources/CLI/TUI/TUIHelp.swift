/// The help panel's text.
enum TUIHelp {
    static let lines: [String] = [
        "Views",
        "  1 Instances   2 Runs   3 Policies   4 Skills   5 Channels   6 Pods   7 Schedules",
        "  Tab / Shift-Tab   next / previous view",
        "",
        "Keys",
        "  j k ↑ ↓           move the selection (PgUp PgDn g G: page, first, last)",
        "  Enter             instances: show their runs; others: details",
        "  l                 logs (a run's agent, a pod's first container, a channel)",
        "  d                 describe (YAML)",
        "  x                 delete, after y/n",
        "  r                 refresh (relist; in a panel: reload it)",
        "  Esc               back: close the panel, clear the runs filter",
        "  /                 type a command",
        "  ?                 this help",
        "  q  Ctrl-C         quit",
        "",
        "Commands",
        "  /run <task>                          run a task on the selected (or only) instance",
        "  /schedule <instance> <cron> <task>   create a schedule (cron: 5 fields, \"quoted\", @daily, @every 1h)",
        "  /memory [instance]                   show an instance's MEMORY.md",
        "  /delete <type> <name>                delete (instance, run, policy, skill, channel, pod, schedule)",
        "  /ns <namespace>                      switch namespace (/ns * for every namespace)",
        "  /instances /runs /policies /skills /channels /pods /schedules   switch view",
        "  /help  /quit",
    ]
}
