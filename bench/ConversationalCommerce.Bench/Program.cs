using ConversationalCommerce.Bench;

var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name)
    .ToList();

if (args.Length == 0 || benchmarks.All(b => b.Name != args[0]))
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/ConversationalCommerce.Bench -- <benchmark> [args]");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Name,-24} {b.Description}");
    return args.Length == 0 ? 0 : 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
return await benchmarks.First(b => b.Name == args[0]).RunAsync(args[1..], cts.Token);
