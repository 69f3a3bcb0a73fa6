// Each test class starts the real app with its own Hangfire server. Hangfire still keeps process-wide statics
// (global configuration, filters, activator); the per-app job storage removed the job swaps we could explain, but
// one inbox test still lost its job once in a parallel run. App-hosting classes therefore run one at a time, as in
// Channels.Tests; other test assemblies run in their own processes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
