package io.qrvid.remote;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link GenerationStore} in a relational database through plain JDBC: one table {@code qrvid_generation}, created
 * on first use ({@code CREATE TABLE IF NOT EXISTS}, supported by H2, PostgreSQL, MySQL/MariaDB and SQLite). Each
 * {@link #save} is one transaction. Thread-safe: every call takes its own connection from the {@link DataSource}.
 *
 * <pre>{@code
 * try (JdbcGenerationStore store = JdbcGenerationStore.h2(Path.of("generations"))) {   // generations.mv.db
 *   store.list().forEach(System.out::println);
 * }
 * }</pre>
 */
public final class JdbcGenerationStore implements GenerationStore {
  /** The table name. */
  public static final String TABLE = "qrvid_generation";

  private static final String COLUMNS = "id, prompt, model, provider, config, status, operation_id, video_path,"
      + " created_at, updated_at, submitted_at, finished_at, error_type, error_message, attempts";

  private final DataSource dataSource;
  private final @Nullable Connection keepAlive;
  private final Object schemaLock = new Object();
  private volatile boolean schemaReady;
  private volatile boolean closed;

  /**
   * Creates a store on {@code dataSource}; the table is created on first use. The caller owns the data source.
   *
   * @param dataSource where the {@code qrvid_generation} table lives; any JDBC database with standard SQL types
   * @throws NullPointerException if {@code dataSource} is null
   */
  public JdbcGenerationStore(DataSource dataSource) {
    this(Objects.requireNonNull(dataSource, "dataSource == null"), null);
  }

  private JdbcGenerationStore(DataSource dataSource, @Nullable Connection keepAlive) {
    this.dataSource = dataSource;
    this.keepAlive = keepAlive;
  }

  /**
   * Opens (creating if needed) an embedded H2 file database at {@code file} (H2 appends {@code .mv.db}). The store
   * keeps one connection open so the database stays open between calls; {@link #close()} releases it. Each
   * {@link #save} is written to the file before it returns ({@code WRITE_DELAY=0}), so a killed process keeps every
   * saved record, and the database is not closed by H2's own shutdown hook ({@code DB_CLOSE_ON_EXIT=FALSE}), so the
   * application's hooks can still record a cancellation.
   *
   * @param file the database path without H2's {@code .mv.db} suffix
   * @return an open store; close it to release the connection
   * @throws RemoteVideoException if the database cannot be opened
   */
  public static JdbcGenerationStore h2(Path file) {
    JdbcDataSource ds = new JdbcDataSource();
    // WRITE_DELAY=0: every commit reaches the file before save() returns (H2's default delays it by 500 ms), so a
    // process killed right after saving an operation id, or a CANCELLED record in a shutdown hook, loses nothing.
    ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    ds.setUser("sa");
    ds.setPassword("");
    try {
      return new JdbcGenerationStore(ds, ds.getConnection());
    } catch (SQLException e) {
      throw new RemoteVideoException("cannot open H2 database " + file, e);
    }
  }

  @Override
  public void save(GenerationRecord r) {
    Objects.requireNonNull(r, "record == null");
    String update = "UPDATE " + TABLE + " SET prompt=?, model=?, provider=?, config=?, status=?, operation_id=?,"
        + " video_path=?, created_at=?, updated_at=?, submitted_at=?, finished_at=?, error_type=?, error_message=?,"
        + " attempts=? WHERE id=?";
    String insert = "INSERT INTO " + TABLE + " (prompt, model, provider, config, status, operation_id, video_path,"
        + " created_at, updated_at, submitted_at, finished_at, error_type, error_message, attempts, id)"
        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    withConnection(c -> {
      c.setAutoCommit(false);
      try {
        int n;
        try (PreparedStatement ps = c.prepareStatement(update)) {
          bind(ps, r);
          n = ps.executeUpdate();
        }
        if (n == 0) {
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            bind(ps, r);
            ps.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      return null;
    });
  }

  @Override
  public Optional<GenerationRecord> find(String id) {
    return withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id=?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.<GenerationRecord>empty();
        }
      }
    });
  }

  @Override
  public List<GenerationRecord> list() {
    return query("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY created_at DESC, id", null);
  }

  @Override
  public List<GenerationRecord> list(GenerationStatus status) {
    return query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE status=? ORDER BY created_at DESC, id",
        status.name());
  }

  /** Closes the keep-alive connection of an {@link #h2(Path)} store; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (keepAlive != null) {
      try {
        keepAlive.close();
      } catch (SQLException e) {
        throw new RemoteVideoException("cannot close the database", e);
      }
    }
  }

  private List<GenerationRecord> query(String sql, @Nullable String param) {
    return withConnection(c -> {
      List<GenerationRecord> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (param != null) {
          ps.setString(1, param);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
      }
      return out;
    });
  }

  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withConnection(SqlWork<T> work) {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
    try (Connection c = dataSource.getConnection()) {
      ensureSchema(c);
      return work.run(c);
    } catch (SQLException e) {
      throw new RemoteVideoException("generation store failed: " + e.getMessage(), e);
    }
  }

  private void ensureSchema(Connection c) throws SQLException {
    if (schemaReady) {
      return;
    }
    synchronized (schemaLock) {
      if (schemaReady) {
        return;
      }
      try (Statement st = c.createStatement()) {
        st.executeUpdate("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "id VARCHAR(64) PRIMARY KEY, prompt VARCHAR(8000) NOT NULL, model VARCHAR(200) NOT NULL,"
            + " provider VARCHAR(100) NOT NULL, config VARCHAR(4000) NOT NULL, status VARCHAR(20) NOT NULL,"
            + " operation_id VARCHAR(1000), video_path VARCHAR(4000), created_at TIMESTAMP NOT NULL,"
            + " updated_at TIMESTAMP NOT NULL, submitted_at TIMESTAMP, finished_at TIMESTAMP,"
            + " error_type VARCHAR(200), error_message VARCHAR(4000), attempts INT NOT NULL)");
      }
      schemaReady = true;
    }
  }

  private static void bind(PreparedStatement ps, GenerationRecord r) throws SQLException {
    ps.setString(1, r.prompt());
    ps.setString(2, r.model());
    ps.setString(3, r.provider());
    ps.setString(4, r.config());
    ps.setString(5, r.status().name());
    setNullable(ps, 6, r.operationId().orElse(null));
    setNullable(ps, 7, r.videoPath().map(Path::toString).orElse(null));
    ps.setTimestamp(8, Timestamp.from(r.createdAt()));
    ps.setTimestamp(9, Timestamp.from(r.updatedAt()));
    setTime(ps, 10, r.submittedAt().orElse(null));
    setTime(ps, 11, r.finishedAt().orElse(null));
    setNullable(ps, 12, r.errorType().orElse(null));
    setNullable(ps, 13, r.errorMessage().map(m -> m.length() > 4000 ? m.substring(0, 4000) : m).orElse(null));
    ps.setInt(14, r.attempts());
    ps.setString(15, r.id());
  }

  private static void setNullable(PreparedStatement ps, int i, @Nullable String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  private static void setTime(PreparedStatement ps, int i, @Nullable Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.TIMESTAMP);
    } else {
      ps.setTimestamp(i, Timestamp.from(t));
    }
  }

  private static @Nullable Instant time(ResultSet rs, String col) throws SQLException {
    Timestamp t = rs.getTimestamp(col);
    return t == null ? null : t.toInstant();
  }

  private static GenerationRecord read(ResultSet rs) throws SQLException {
    String video = rs.getString("video_path");
    return GenerationRecord.builder()
        .id(rs.getString("id"))
        .prompt(rs.getString("prompt"))
        .model(rs.getString("model"))
        .provider(rs.getString("provider"))
        .config(rs.getString("config"))
        .status(GenerationStatus.valueOf(rs.getString("status")))
        .operationId(rs.getString("operation_id"))
        .videoPath(video == null ? null : Path.of(video))
        .createdAt(Objects.requireNonNull(time(rs, "created_at")))
        .updatedAt(time(rs, "updated_at"))
        .submittedAt(time(rs, "submitted_at"))
        .finishedAt(time(rs, "finished_at"))
        .errorType(rs.getString("error_type"))
        .errorMessage(rs.getString("error_message"))
        .attempts(rs.getInt("attempts"))
        .build();
  }
}
