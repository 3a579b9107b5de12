namespace Telco.InsightPortal.Data.Store;

public enum StoreProvider { Sqlite, Postgres }
