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
