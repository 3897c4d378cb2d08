// Command smartcourse-ferretdb runs FerretDB 1.24.2 (MongoDB wire protocol on
// PostgreSQL) as a local server for SmartCourse.
//
// It embeds the public package github.com/FerretDB/FerretDB/ferretdb because
// `go install .../cmd/ferretdb@v1.24.2` does not work from the module proxy
// here (see ARCHITECTURE.md §2). Built by scripts/servers/ferretdb.ts.
//
// Configuration (flags override environment):
//
//	-listen-addr     FERRETDB_LISTEN_ADDR      default 127.0.0.1:27017
//	-postgresql-url  FERRETDB_POSTGRESQL_URL   default postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_ferretdb
//	-log-level       FERRETDB_LOG_LEVEL        debug|info|warn|error, default info
//
// It runs until SIGINT or SIGTERM, then closes listeners and connections.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func main() {
	listenAddr := flag.String("listen-addr", envOr("FERRETDB_LISTEN_ADDR", "127.0.0.1:27017"), "TCP listen address")
	pgURL := flag.String("postgresql-url",
		envOr("FERRETDB_POSTGRESQL_URL", "postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_ferretdb"),
		"PostgreSQL connection URL")
	logLevel := flag.String("log-level", envOr("FERRETDB_LOG_LEVEL", "info"), "log level: debug, info, warn, error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "smartcourse-ferretdb: invalid log level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listenAddr},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		logger.Error("cannot create FerretDB", "error", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	logger.Info("smartcourse-ferretdb starting", "listen", *listenAddr, "pid", os.Getpid())
	if err := f.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		logger.Error("FerretDB stopped with an error", "error", err)
		os.Exit(1)
	}
	logger.Info("smartcourse-ferretdb stopped")
}
