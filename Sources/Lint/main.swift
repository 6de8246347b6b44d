print("auditlint")
