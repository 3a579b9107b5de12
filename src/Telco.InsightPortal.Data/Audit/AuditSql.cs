namespace Telco.InsightPortal.Data.Audit;

internal static class AuditSql
{
    // Advancing the head first takes its lock (the row lock on PostgreSQL, the write lock on SQLite) for
    // the rest of the transaction: writers queue here, and the number returns to the pool on rollback.
    // RETURNING gives the new seq and the unchanged hash, which is the previous entry's.
    public const string AdvanceHead = "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash";

    public const string SetHeadHash = "UPDATE audit_head SET hash = @Hash WHERE id = 1";

    public const string ReadHead = "SELECT seq, hash FROM audit_head WHERE id = 1";

    public const string Insert = """
        INSERT INTO audit_entries (seq, at, actor, source_ip, user_agent, action, target_type, target_id, outcome,
                                   details, correlation_id, prev_hash, hash)
        VALUES (@Seq, @At, @Actor, @SourceIp, @UserAgent, @Action, @TargetType, @TargetId, @Outcome,
                @Details, @CorrelationId, @PrevHash, @Hash)
        """;

    public const string Columns = """
        seq AS Seq, at AS At, actor AS Actor, source_ip AS SourceIp, user_agent AS UserAgent, action AS Action,
        target_type AS TargetType, target_id AS TargetId, outcome AS Outcome, details AS Details,
        correlation_id AS CorrelationId, prev_hash AS PrevHash, hash AS Hash
        """;

    public const string SelectEntries = "SELECT " + Columns + " FROM audit_entries";

    public const string GetEntry = SelectEntries + " WHERE seq = @Seq";

    public const string Walk = SelectEntries + " ORDER BY seq";

    public const string LastEntry = "SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1";

    public const string LastCheckpointSeq = "SELECT seq FROM audit_checkpoints ORDER BY id DESC LIMIT 1";

    public const string InsertCheckpoint = """
        INSERT INTO audit_checkpoints (seq, hash, at, key_id, signature) VALUES (@Seq, @Hash, @At, @KeyId, @Signature)
        """;

    public const string Checkpoints = """
        SELECT id AS Id, seq AS Seq, hash AS Hash, at AS At, key_id AS KeyId, signature AS Signature
        FROM audit_checkpoints ORDER BY seq, id
        """;

    // Filter and keyset fragments: the query is assembled from these constants only; values are parameters.
    public const string ByActor = "actor = @Actor";
    public const string ByAction = "action = @Action";
    public const string ByTargetType = "target_type = @TargetType";
    public const string ByTargetId = "target_id = @TargetId";
    public const string ByOutcome = "outcome = @Outcome";
    public const string ByFrom = "at >= @From";
    public const string ByTo = "at < @To";
    public const string AfterSeq = "seq > @AfterSeq";
    public const string BeforeSeq = "seq < @BeforeSeq";
    public const string Ascending = " ORDER BY seq LIMIT @Limit";
    public const string Descending = " ORDER BY seq DESC LIMIT @Limit";
    public const string Unlimited = " ORDER BY seq";
}
