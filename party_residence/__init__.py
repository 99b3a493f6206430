__version__ = "0.1.0"

# the names one IN list of a query holds: MariaDB turns a list of 1,000 values or more into a derived
# table, and then reads the rows through other indexes than their primary key (0.9 s for 2,000
# members of a city read through the scope's)
IN_LIST_CHUNK = 500
