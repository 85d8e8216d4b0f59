resource "aws_lambda_event_source_mapping" "m" {
  batch_size = 
}
