variable "stream_arn" {
  type = string
}
variable "retries" {
  default = "20000"
}
resource "aws_lambda_event_source_mapping" "stream" {
  event_source_arn  = var.stream_arn
  function_name     = "stream-worker"
  starting_position = "LATEST"
  maximum_retry_attempts = var.retries
  parallelization_factor = 0
  destination_config {
    on_failure {
      destination_arn = "arn:aws:sqs:us-east-1:123456789012:dlq"
    }
  }
}
resource "aws_lambda_event_source_mapping" "kafka" {
  function_name     = "kafka-worker"
  topics            = ["orders"]
  starting_position = "TRIM_HORIZON"
  self_managed_event_source {
    endpoints = {
      KAFKA_BOOTSTRAP_SERVERS = "broker-1.example.com:9092,broker-2:9092"
    }
  }
  self_managed_kafka_event_source_config {
    consumer_group_id = "orders"
  }
  batch_size = "20000"
}
