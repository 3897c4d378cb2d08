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
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/lib/infra.sh
source "$here/../../scripts/lib/infra.sh"

[[ -d "$SC_KAFKA_HOME/libs" ]] || sc_die "Kafka jars not installed yet; run scripts/up --infra-only first"
(( $# )) || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

tool=$1; shift
case "$tool" in
  topics)           cls=org.apache.kafka.tools.TopicCommand ;;
  consumer-groups)  cls=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
  console-consumer) cls=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  console-producer) cls=kafka.tools.ConsoleProducer ;;
  configs)          cls=kafka.admin.ConfigCommand ;;
  get-offsets)      cls=org.apache.kafka.tools.GetOffsetShell ;;
  delete-records)   cls=org.apache.kafka.tools.DeleteRecordsCommand ;;
  *.*)              cls=$tool ;;
  *) sc_die "unknown tool '$tool' (topics, consumer-groups, console-consumer, console-producer, configs, get-offsets, delete-records, or a class name)" ;;
esac

args=("$@")
if [[ " ${args[*]} " != *" --bootstrap-server "* ]]; then
  args=(--bootstrap-server "${KAFKA_BROKERS:-$SC_HOST:$SC_KAFKA_PORT}" "${args[@]}")
fi
sc_kafka_tool "$cls" "${args[@]}"
