#!/usr/bin/env bash
# Run a Kafka 3.9.1 command-line tool with the jars scripts/up installed (no Kafka
# distribution needed). The bootstrap server defaults to $KAFKA_BROKERS or 127.0.0.1:9092.
#
#   infrastructure/kafka/kafka-tool.sh topics --list
#   infrastructure/kafka/kafka-tool.sh topics --describe --topic user.registered
#   infrastructure/kafka/kafka-tool.sh consumer-groups --list
#   infrastructure/kafka/kafka-tool.sh console-consumer --topic command.results --from-beginning
#   infrastructure/kafka/kafka-tool.sh configs --entity-type topics --entity-name user.registered --describe
#   infrastructure/kafka/kafka-tool.sh <fully.qualified.MainClass> [args...]
# Code: scripts/commands/kafka-tool.ts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/node.sh"
sc_ensure_node
sc_need_node_modules
sc_exec_ts scripts/commands/kafka-tool.ts "$@"
