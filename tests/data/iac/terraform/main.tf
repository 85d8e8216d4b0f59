variable "batch" {
  default = 20
}
locals {
  fifo = true
}
resource "aws_sqs_queue" "q" {
  name                       = "orders.fifo"
  fifo_queue                 = local.fifo
  visibility_timeout_seconds = 30
}
resource "aws_lambda_function" "f" {
  function_name = "worker"
  timeout       = 60
  role          = aws_iam_role.r.arn
}
resource "aws_iam_role" "r" {
  name = "worker"
}
resource "aws_iam_role_policy_attachment" "sqs" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"
}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = aws_sqs_queue.q.arn
  function_name    = aws_lambda_function.f.arn
  batch_size       = var.batch
  enabled          = false
  maximum_batching_window_in_seconds = "0"
  starting_position = ""
  filter_criteria {
    filter {
      pattern = jsonencode({ body = { a = ["x"] } })
    }
  }
  scaling_config {
    maximum_concurrency = 1
  }
}
resource "aws_iam_policy" "stream_read" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["kinesis:GetRecords"], Resource = "*" }]
  })
}
resource "aws_lambda_function" "reader" {
  function_name = "reader"
  role          = aws_iam_role.reader.arn
}
resource "aws_iam_role" "reader" {
  name = "reader"
}
resource "aws_iam_role_policy_attachment" "reader" {
  role       = aws_iam_role.reader.name
  policy_arn = aws_iam_policy.stream_read.arn
}
resource "aws_lambda_event_source_mapping" "reader" {
  event_source_arn  = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"
  function_name     = aws_lambda_function.reader.function_name
  starting_position = "LATEST"
}
