using ConversationalCommerce.App.Cli;

// One executable: no command (or only host switches such as --urls) starts the server; otherwise a CLI command runs.
return await AppCommandLine.RunAsync(args);

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
