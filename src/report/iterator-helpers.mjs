// Allure 3.18's quality gate calls Iterator.prototype.toArray, which Node 22 has and Node 20
// (this package's minimum) lacks. Loaded with `node --import` before the Allure CLI only.
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
if (typeof IteratorPrototype.toArray !== "function") {
  Object.defineProperty(IteratorPrototype, "toArray", {
    configurable: true,
    writable: true,
    value: function toArray() {
      return Array.from({ [Symbol.iterator]: () => this });
    },
  });
}
