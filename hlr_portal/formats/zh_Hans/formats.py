# What differs from Django's zh_Hans formats: a month and day without a leading zero (“3月5日”), as every page
# wrote it before dates went through the per-language formats. Django's own formats fill in the rest, and
# English keeps Django's (“March 5”, “Dec. 7, 2026”).
MONTH_DAY_FORMAT = "n月j日"
