"""What routes inject: the objects a service's `assemble` put on `app.state`."""

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from fastapi import Request

T = TypeVar("T")


def from_state(name: str, kind: type[T]) -> Callable[[Request], Coroutine[Any, Any, T]]:
    """A FastAPI dependency giving `app.state.<name>`, checked to be a `kind`.

    Use as `Annotated[Service, Depends(from_state("service", Service))]`. It is a coroutine
    function so that FastAPI calls it on the event loop: a plain function would cost a
    thread-pool hop per request and dependency.
    """

    async def dependency(request: Request) -> T:
        value = getattr(request.app.state, name)
        if not isinstance(value, kind):
            raise TypeError(f"app.state.{name} is {type(value).__name__}, not {kind.__name__}")
        return value

    dependency.__name__ = f"get_{name}"
    return dependency
