// Hangfire keeps its job storage in a process-wide static: two apps started at once in one test process can
// swap storages, and one app's jobs then run against the other's database. One app at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
