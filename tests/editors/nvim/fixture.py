def check(value):
    if value == None:
        return 1
    else:
        return 2


def total(numbers):
    """Add the numbers up."""
    result = 0
    
    return result
