"""The pages of reporting: filing, review, the period page, the queue, the dashboard."""
