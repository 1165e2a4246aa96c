using System.Collections;
using CostGuard.Fleet;

namespace CostGuard.Simulation.World;

/// <summary>
/// An instance's recent samples, and the live view of them that its snapshot hands the engine. The engine reads
/// a snapshot only during the evaluation it is given to and keeps none of it, so the simulator can move the window
/// between evaluations instead of copying it for each sweep: one array per instance for the whole trace, compacted
/// in place when the window reaches its end.
/// </summary>
internal sealed class SampleWindow : IReadOnlyList<UtilizationSample>
{
    private UtilizationSample[] _items = new UtilizationSample[16];
    private int _head;
    private int _count;

    public int Count => _count;

    public UtilizationSample this[int index] =>
        (uint)index < (uint)_count ? _items[_head + index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Adds a sample; one at the same time as the last replaces it (the later row wins).</summary>
    public void Add(UtilizationSample sample)
    {
        if (_count > 0 && _items[_head + _count - 1].Time == sample.Time)
        {
            _items[_head + _count - 1] = sample;
            return;
        }

        if (_head + _count == _items.Length)
        {
            MakeRoom();
        }

        _items[_head + _count] = sample;
        _count++;
    }

    /// <summary>Drops samples before the one in effect at <paramref name="windowStart"/>.</summary>
    public void TrimBefore(DateTimeOffset windowStart)
    {
        while (_count > 1 && _items[_head + 1].Time <= windowStart)
        {
            _head++;
            _count--;
        }
    }

    public IEnumerator<UtilizationSample> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[_head + i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Slide the window back to the array's start; grow only when the window itself fills the array (a trace
    // sampled more often than the idle window holds samples).
    private void MakeRoom()
    {
        if (_count * 2 > _items.Length)
        {
            var grown = new UtilizationSample[_items.Length * 2];
            Array.Copy(_items, _head, grown, 0, _count);
            _items = grown;
        }
        else
        {
            Array.Copy(_items, _head, _items, 0, _count);
        }

        _head = 0;
    }
}
