resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  hash_key     = "id"
  stream_enabled = true
}
resource "aws_lambda_event_source_mapping" "orders_stream" {
  event_source_arn  = aws_dynamodb_table.orders.stream_arn
  function_name     = "orders"
  starting_position = "AT_TIMESTAMP"
  tumbling_window_in_seconds = 1000
}
resource "aws_msk_cluster" "events" {
  cluster_name = "events"
}
resource "aws_lambda_event_source_mapping" "msk" {
  event_source_arn  = aws_msk_cluster.events.arn
  function_name     = "events"
  topics            = ["orders", "orders"]
  starting_position = "LATEST"
  amazon_managed_kafka_event_source_config {
    consumer_group_id = "orders group!"
  }
}
resource "aws_mq_broker" "orders" {
  broker_name = "orders"
}
resource "aws_lambda_event_source_mapping" "mq" {
  event_source_arn = aws_mq_broker.orders.arn
  function_name    = "mq"
  queues           = ["orders"]
  batch_size       = 20000
  source_access_configuration {
    type = "BASIC_AUTH"
    uri  = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mq-AbCdEf"
  }
}
resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
}
resource "aws_lambda_event_source_mapping" "docdb" {
  event_source_arn  = aws_docdb_cluster.docs.arn
  function_name     = "docs"
  starting_position = "LATEST"
  document_db_event_source_config {
    collection_name = "orders"
    full_document   = "Always"
  }
}
