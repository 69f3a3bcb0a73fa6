// Hangfire keeps its job storage in a process-wide static (JobStorage.Current): two app instances running at once in
// one test process can pick up each other's jobs (a send or inbox row then "vanishes" into the other app's database
// until a sweep finds it). App-hosting test classes therefore run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
