// Entry point: replaced by the generic-host wiring (Source → Map → Sink, checkpoints beside) as the components land.
Console.Error.WriteLine("The connector's host is not wired yet.");
return 2;
