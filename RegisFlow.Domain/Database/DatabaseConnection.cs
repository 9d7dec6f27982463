namespace RegisFlow.Domain.Database;

/// <summary>The connection string the app uses, and whether it points at the app's own private server.</summary>
public sealed record DatabaseConnection(string ConnectionString, bool IsPrivateServer);
